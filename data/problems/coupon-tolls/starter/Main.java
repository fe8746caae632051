import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        st.nextToken();
        int n = (int) st.nval;
        st.nextToken();
        int m = (int) st.nval;
        st.nextToken();
        int k = (int) st.nval;
        int[] u = new int[m], v = new int[m];
        long[] c = new long[m];
        for (int j = 0; j < m; j++) {
            st.nextToken();
            u[j] = (int) st.nval;
            st.nextToken();
            v[j] = (int) st.nval;
            st.nextToken();
            c[j] = (long) st.nval;
        }
        // TODO: find the cheapest way from town 1 to town n
        System.out.println(-1);
    }
}
